/**
 * Chain plumbing shared by the method modules ({@code mpp-method-evm}, {@code mpp-method-tempo}):
 * strict hex, keccak-256, canonical RLP, secp256k1 signing and recovery (libsecp256k1 through JNI,
 * BouncyCastle when it cannot load), a bounded JSON-RPC client, transaction broadcasting and its
 * concurrency limit, and {@code did:pkh} payer sources.
 *
 * <p>Internal to mpp4j: the types are public only so that the method modules can share them. There
 * is no compatibility promise; applications should not use them.
 */
package io.mpp4j.chain;
