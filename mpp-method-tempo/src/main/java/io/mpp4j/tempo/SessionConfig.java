package io.mpp4j.tempo;

import io.mpp4j.core.Price;
import io.mpp4j.core.store.Store;
import java.math.BigInteger;
import java.time.Duration;

/**
 * How a {@link TempoMethod} serves sessions: the chain and escrow, the payee and its wallet, the
 * request's defaults, the settlement policy and the timings of on-chain checks.
 *
 * @param settleAbove settle once the unsettled accepted amount reaches this (base units), or null
 * @param settleEvery settle channels with unsettled vouchers this often, or null
 * @param stateTtl how long an on-chain read of a channel is trusted before a voucher re-reads it
 * @param watchEvery how often the close watcher looks at the channels of this instance
 * @param watchBatch how many channels one watch round reads at most
 * @param settleIdle settle channels with unsettled vouchers at least this often even without a
 *     policy, so that the highest voucher is on chain before the stored state can expire
 * @param voucherRate session credentials per second per channel, sustained
 * @param voucherBurst session credentials a channel may send at once
 */
record SessionConfig(
    long chainId,
    String escrow,
    String currency,
    String payee,
    int decimals,
    Price suggestedDeposit,
    BigInteger minVoucherDelta,
    BigInteger minDeposit,
    boolean sponsored,
    BigInteger settleAbove,
    Duration settleEvery,
    Duration stateTtl,
    Duration watchEvery,
    int watchBatch,
    Store replayStore,
    Duration replayTtl,
    Duration settleIdle,
    int voucherRate,
    int voucherBurst) {}
