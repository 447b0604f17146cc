package io.srespace.board.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.srespace.board.BoardException;
import io.srespace.board.BoardException.Reason;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHub's failure answers, as its REST API gives them, become clear errors or patient retries. */
class GitHubFailuresTest {
  private static final String TOKEN = "ghp_secret-token-value";
  private static final String REPO = "/repos/acme/insurance-config";
  private WireMockServer github;

  @BeforeEach
  void start() {
    github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    github.start();
  }

  @AfterEach
  void stop() {
    github.stop();
  }

  @Test
  void aBadTokenIsUnauthorizedAndTheTokenIsNeverShown() {
    github.stubFor(
        get(urlPathEqualTo(REPO))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.example/rest\"}")));

    assertThatThrownBy(() -> GitHubBoard.connect(settings()))
        .isInstanceOfSatisfying(
            BoardException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED))
        .hasMessageContaining("opening repository acme/insurance-config")
        .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
    assertThat(settings().toString()).doesNotContain(TOKEN).contains("token=***");
  }

  @Test
  void aMissingRepositoryIsNotFound() {
    github.stubFor(
        get(urlPathEqualTo(REPO))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.example/rest\"}")));

    assertThatThrownBy(() -> GitHubCodeHost.connect(settings()))
        .isInstanceOfSatisfying(
            BoardException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
  }

  @Test
  void aMergeConflictIsAConflict() {
    stubRepository();
    github.stubFor(get(urlPathEqualTo(REPO + "/pulls/5")).willReturn(okJson(pull(5))));
    github.stubFor(
        put(urlPathEqualTo(REPO + "/pulls/5/merge"))
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"Head branch was modified. Review and try the merge again.\"}")));

    assertThatThrownBy(() -> GitHubCodeHost.connect(settings()).squashMerge(5, "Raise the pool"))
        .isInstanceOfSatisfying(
            BoardException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT))
        .hasMessageContaining("merging pull request #5: GitHub answered 409");
  }

  @Test
  void aRejectedRequestIsInvalid() {
    stubRepository();
    github.stubFor(
        post(urlPathEqualTo(REPO + "/issues"))
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\",\"field\":\"title\",\"code\":\"missing_field\"}]}")));
    github.stubFor(get(urlPathEqualTo(REPO + "/issues")).willReturn(okJson("[]")));

    assertThatThrownBy(() -> GitHubBoard.connect(settings()).open("INC-1", "", "b", Set.of()))
        .isInstanceOfSatisfying(
            BoardException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
        .hasMessageContaining("Validation Failed");
  }

  @Test
  void aSecondaryRateLimitIsWaitedOutAndTheCallRetried() {
    github.stubFor(
        get(urlPathEqualTo(REPO))
            .inScenario("limited")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "1")
                    .withBody(
                        "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}"))
            .willSetStateTo("waited"));
    github.stubFor(
        get(urlPathEqualTo(REPO))
            .inScenario("limited")
            .whenScenarioStateIs("waited")
            .willReturn(okJson(repository())));
    long started = System.nanoTime();

    GitHubBoard.connect(settings());

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    github.verify(2, getRequestedFor(urlPathEqualTo(REPO)));
  }

  @Test
  void aRateLimitLongerThanAllowedFailsInsteadOfStalling() {
    github.stubFor(
        get(urlPathEqualTo(REPO))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "3600")
                    .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));

    long started = System.nanoTime();

    assertThatThrownBy(() -> GitHubBoard.connect(settings()))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("GitHub answered 403 (You have exceeded a secondary rate limit.)")
        .hasStackTraceContaining("asked to wait 3600 s, more than the 5 s allowed");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aGitHubThatDoesNotAnswerFailsTheCallAfterTheTimeoutInsteadOfHangingTheAgent() {
    github.stubFor(
        get(urlPathEqualTo(REPO))
            .willReturn(okJson("{}").withFixedDelay((int) Duration.ofSeconds(20).toMillis())));
    GitHubSettings impatient =
        new GitHubSettings(
            TOKEN,
            "acme/insurance-config",
            "http://127.0.0.1:" + github.port(),
            5,
            Duration.ofSeconds(1));

    long started = System.nanoTime();
    assertThatThrownBy(() -> GitHubBoard.connect(impatient))
        .isInstanceOf(BoardException.class)
        .hasMessageContaining("opening repository acme/insurance-config");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  private GitHubSettings settings() {
    return new GitHubSettings(
        TOKEN, "acme/insurance-config", "http://127.0.0.1:" + github.port(), 5);
  }

  private void stubRepository() {
    github.stubFor(get(urlPathEqualTo(REPO)).willReturn(okJson(repository())));
  }

  private String repository() {
    return """
        {"id":4242,"name":"insurance-config","full_name":"acme/insurance-config",
         "owner":{"login":"acme","id":1,"type":"Organization"},"private":true,
         "url":"http://127.0.0.1:%d%s","html_url":"https://github.example/acme/insurance-config",
         "default_branch":"main"}"""
        .formatted(github.port(), REPO);
  }

  private String pull(int number) {
    return """
        {"id":9005,"number":%d,"state":"open","title":"Raise the pool","body":"Refs #3",
         "url":"http://127.0.0.1:%d%s/pulls/%d","html_url":"https://github.example/acme/insurance-config/pull/%d",
         "head":{"ref":"sre/fix-INC-3","sha":"%s"},"base":{"ref":"main","sha":"%s"},
         "merged":false,"mergeable":true,"mergeable_state":"clean","user":{"login":"sre-space-bot","id":77}}"""
        .formatted(number, github.port(), REPO, number, number, "a".repeat(40), "b".repeat(40));
  }
}
