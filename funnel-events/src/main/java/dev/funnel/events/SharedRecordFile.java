package dev.funnel.events;

import dev.funnel.core.util.ChecksummedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only file of {@link ChecksummedLog} records (the framing of {@link FileEventLog})
 * that several processes append to at once. Each append takes an exclusive {@link FileLock} on
 * the file, checks the records other writers appended since its last look, cuts off a torn tail
 * (a writer killed mid-record, which released its lock by dying), writes its record at the end,
 * forces it to disk and releases the lock: an appended record is durable and whole when {@link
 * #append} returns, and records never interleave. Readers need no lock: {@link #read} returns the
 * whole records from an offset and stops at the first incomplete or corrupt one (a record being
 * written, or a torn tail that the next writer will cut off).
 *
 * <p>The framing, checksum and torn-tail rule are {@link ChecksummedLog}'s; this class adds only
 * the lock and the positioned append, so a shared file and a single-writer log are read alike.
 *
 * <p>The lock is advisory and per file system: every writer must use this class, on a local file
 * system (network file systems may not honour {@code fcntl} locks).
 */
public final class SharedRecordFile implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  /** End of the records this instance has checked; records after it were written by others (or are torn). */
  private long checked;

  private SharedRecordFile(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (creating if needed) {@code file} for appending; nothing is truncated until the first append holds the lock. */
  public static SharedRecordFile open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return new SharedRecordFile(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one record under the file lock and forces it to disk; returns the offset after it.
   * The payload must not be empty nor hold a line break.
   */
  public synchronized long append(byte[] payload) throws IOException {
    ByteBuffer buf = ChecksummedLog.frame(payload);
    FileLock lock = channel.lock();
    try {
      long size = channel.size();
      long good = checked <= size ? checked : 0;
      while (good < size) {
        List<ChecksummedLog.Framed> others = ChecksummedLog.readFrom(file, good, Integer.MAX_VALUE);
        if (others.isEmpty()) {
          break;
        }
        good = others.get(others.size() - 1).end();
      }
      if (good < size) {
        channel.truncate(good); // a writer died mid-record: nobody acknowledged those bytes
      }
      long at = good;
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
      channel.force(false);
      checked = at;
      return at;
    } finally {
      lock.release();
    }
  }

  /** The current size of the file in bytes (whole records and possibly a torn or in-progress tail). */
  public long size() throws IOException {
    return channel.size();
  }

  /**
   * Up to {@code max} whole records of {@code file} starting at byte {@code from} (the end of an
   * earlier record, or 0); stops at the first incomplete or corrupt record.
   */
  public static List<ChecksummedLog.Framed> read(Path file, long from, int max) throws IOException {
    return ChecksummedLog.readFrom(file, from, max);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
