-- wrk script: every request carries the same session voucher (MPP_AUTHORIZATION), as a client
-- inside an open session whose voucher covers the whole deposit; each request is verified and
-- charged from the channel.
wrk.headers["Authorization"] = os.getenv("MPP_AUTHORIZATION")
