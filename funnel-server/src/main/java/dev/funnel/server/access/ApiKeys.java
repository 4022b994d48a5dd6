package dev.funnel.server.access;

import dev.funnel.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The API keys of a deployment: {@code read} keys may call the read routes, {@code admin} keys
 * every route. No keys at all means no access control. Keys are compared in constant time. A key
 * must be at least {@value #MIN_LENGTH} characters of printable ASCII without spaces (what fits
 * an {@code Authorization: Bearer} header), and no key may have both roles.
 */
public record ApiKeys(List<String> read, List<String> admin) {
  public static final int MIN_LENGTH = 16;

  public ApiKeys {
    read = List.copyOf(read == null ? List.of() : read);
    admin = List.copyOf(admin == null ? List.of() : admin);
    check("read_keys", read);
    check("admin_keys", admin);
    for (String k : read) {
      if (admin.contains(k)) {
        throw new InvalidInputException("read_keys", mask(k), "expected a key to have one role, but it is also an admin key");
      }
    }
  }

  /** No keys: every route is open. */
  public static ApiKeys none() {
    return new ApiKeys(List.of(), List.of());
  }

  public boolean enabled() {
    return !read.isEmpty() || !admin.isEmpty();
  }

  /** The role a presented key has: ADMIN, READ, or empty for an unknown key. */
  public Optional<Role> roleOf(String key) {
    if (key == null) {
      return Optional.empty();
    }
    byte[] given = key.getBytes(StandardCharsets.UTF_8);
    boolean isAdmin = false;
    boolean isRead = false;
    for (String k : admin) {
      isAdmin |= MessageDigest.isEqual(given, k.getBytes(StandardCharsets.UTF_8));
    }
    for (String k : read) {
      isRead |= MessageDigest.isEqual(given, k.getBytes(StandardCharsets.UTF_8));
    }
    return isAdmin ? Optional.of(Role.ADMIN) : isRead ? Optional.of(Role.READ) : Optional.empty();
  }

  /** A key as shown in messages and logs: its first four characters. */
  public static String mask(String key) {
    return key == null ? null : key.substring(0, Math.min(4, key.length())) + "...";
  }

  private static void check(String field, List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      if (k == null || k.length() < MIN_LENGTH || !k.chars().allMatch(c -> c > 32 && c < 127)) {
        throw new InvalidInputException(field + "[" + i + "]", k == null ? null : mask(k),
            "expected a key of at least " + MIN_LENGTH + " printable ASCII characters without spaces");
      }
      if (keys.indexOf(k) != i) {
        throw new InvalidInputException(field + "[" + i + "]", mask(k), "expected distinct keys, but it repeats an earlier one");
      }
    }
  }

  @Override
  public String toString() {
    return "ApiKeys[read=" + read.size() + " keys, admin=" + admin.size() + " keys]";
  }
}
