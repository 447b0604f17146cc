package io.srespace.kafka.broker;

import io.srespace.events.topics.Access;
import io.srespace.events.topics.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * Makes the broker's users and ACLs what {@link Access} says, at every start: each principal's
 * SCRAM login with its current password, every allowance of the table, and no ACL the table does
 * not hold (an older table's allowance is taken away).
 */
final class Security {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int ITERATIONS = 8192;

  private Security() {}

  static void apply(BrokerSettings settings) {
    try (Admin admin = Admin.create(settings.clientConfig(Access.ADMIN))) {
      List<UserScramCredentialAlteration> logins = new ArrayList<>();
      for (Principal principal : Principal.values()) {
        logins.add(
            new UserScramCredentialUpsertion(
                principal.user(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                settings.passwords().get(principal.user())));
      }
      admin.alterUserScramCredentials(logins).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      syncAcls(admin, Access.bindings());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot set the users and ACLs of the broker on %s: %s"
              .formatted(settings.bootstrapServers(), e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting the broker's users", e);
    }
    for (Principal principal : Principal.values()) {
      awaitLogin(settings, principal);
    }
  }

  private static void syncAcls(Admin admin, Collection<AclBinding> wanted)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<AclBinding> existing =
        new HashSet<>(
            admin
                .describeAcls(AclBindingFilter.ANY)
                .values()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    List<AclBinding> missing = wanted.stream().filter(acl -> !existing.contains(acl)).toList();
    List<AclBindingFilter> stale =
        existing.stream().filter(acl -> !wanted.contains(acl)).map(AclBinding::toFilter).toList();
    if (!missing.isEmpty()) {
      admin.createAcls(missing).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    if (!stale.isEmpty()) {
      admin.deleteAcls(stale).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** A new login reaches the broker's cache through the metadata log: wait until it does. */
  private static void awaitLogin(BrokerSettings settings, Principal principal) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    var config = settings.clientConfig(principal.user());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    while (true) {
      try (Admin admin = Admin.create(config)) {
        admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof SaslAuthenticationException)
            || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "%s cannot log in to the broker: %s".formatted(principal.user(), e.getMessage()), e);
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException(principal.user() + " got no answer from the broker", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the broker's logins", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the broker's logins", e);
      }
    }
  }
}
