/**
 * The {@code evm} payment method (draft-evm-charge-00) and its x402 v2 {@code exact} twin. Only
 * {@link io.mpp4j.evm.EvmMethod} is public.
 *
 * <p>The chain primitives ({@code Hex}, {@code Keccak}, {@code Secp256k1}, {@code Rlp}, {@code
 * JsonRpc}, {@code Broadcaster}) come from the internal {@code mpp-chain} module ({@link
 * io.mpp4j.chain}), shared with {@code mpp-method-tempo}.
 */
package io.mpp4j.evm;
