package io.mpp4j.servlet;

import io.mpp4j.core.Offer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** What one resolved route charges for one request; empty means free. */
interface PaidRoute {
  List<Offer> offers(HttpServletRequest request, byte[] body);
}
