package io.srespace.demo.quote.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DownstreamTest {
  @Test
  void refusesCallsBeyondTheBoundAtOnceAndTakesThemAgainWhenTheWaitingOnesReturn()
      throws Exception {
    int bound = Downstream.MAX_CONCURRENT_CALLS;
    CountDownLatch slowDependency = new CountDownLatch(1);
    CountDownLatch waiting = new CountDownLatch(bound);
    ExecutorService callers = Executors.newFixedThreadPool(bound);
    try {
      for (int i = 0; i < bound; i++) {
        callers.submit(
            () ->
                Downstream.call(
                    "policy-service",
                    () -> {
                      waiting.countDown();
                      try {
                        slowDependency.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "priced";
                    }));
      }
      assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

      long started = System.nanoTime();
      assertThatThrownBy(() -> Downstream.call("user-service", () -> "profile"))
          .isInstanceOfSatisfying(
              DownstreamFailure.class,
              failure -> {
                assertThat(failure.status()).isEqualTo(503);
                assertThat(failure.getMessage())
                    .isEqualTo(
                        "user-service not called: 100 calls already in progress (load shed)");
              });
      assertThat(System.nanoTime() - started)
          .as("refused at once, not after a wait")
          .isLessThan(TimeUnit.SECONDS.toNanos(1));

      slowDependency.countDown();
      callers.shutdown();
      assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(Downstream.call("user-service", () -> "profile")).isEqualTo("profile");
    } finally {
      slowDependency.countDown();
      callers.shutdownNow();
    }
  }
}
