/**
 * The {@code evm} payment method (draft-evm-charge-00) and its x402 v2 {@code exact} twin. Only
 * {@link io.mpp4j.evm.EvmMethod} is public.
 *
 * <p>The chain primitives ({@code Hex}, {@code Keccak}, {@code Secp256k1}, {@code Rlp}, {@code
 * JsonRpc}, {@code Broadcaster}) are package-private copies of the ones in {@code
 * mpp-method-tempo}: sharing them would mean a public module of primitives and a restructuring of
 * the Tempo module while other work changes it; the copies are small and tested here on their own.
 */
package io.mpp4j.evm;
