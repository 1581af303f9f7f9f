package io.mpp4j.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compare-and-set of one record key, atomic because Redis runs a script without interleaving other
 * commands. The stored version is compared as text against {@code ARGV[1]} ("0" for an absent or
 * expired key, "1" for a bare claim); on a match {@code ARGV[2]} (already encoded with the next
 * version) is written with a TTL of {@code ARGV[3]} milliseconds.
 */
final class CompareAndSetScript {
  static final String LUA =
      """
      local current = redis.call('GET', KEYS[1])
      local version = '0'
      if current then
        if current == '' then
          version = '1'
        else
          local sep = string.find(current, ':', 1, true)
          if not sep then
            return redis.error_reply('ERR not an mpp4j record')
          end
          version = string.sub(current, 1, sep - 1)
        end
      end
      if version ~= ARGV[1] then
        return 0
      end
      redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
      return 1
      """;

  private final String sha = sha1(LUA);

  boolean run(
      RedisClusterCommands<String, byte[]> commands,
      String key,
      long expectedVersion,
      byte[] encoded,
      long ttlMillis) {
    String[] keys = {key};
    byte[][] args = {
      ascii(Long.toString(expectedVersion)), encoded, ascii(Long.toString(ttlMillis))
    };
    Long written;
    try {
      written = commands.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
    } catch (RedisNoScriptException e) {
      written = commands.eval(LUA, ScriptOutputType.INTEGER, keys, args);
    }
    return written != null && written == 1L;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by the Java platform", e);
    }
  }
}
