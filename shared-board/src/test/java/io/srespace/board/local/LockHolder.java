package io.srespace.board.local;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Another process holding a board's lock file for some seconds: {@code LOCKFILE SECONDS}. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel =
            FileChannel.open(
                Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      System.out.println("held");
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]) * 1000);
    }
  }
}
