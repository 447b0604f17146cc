package io.srespace.board.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock on a loopback port with the {@link FakeGitHub} behind every request. */
final class FakeGitHubServer implements AutoCloseable {
  final FakeGitHub github = new FakeGitHub();
  final WireMockServer server;

  FakeGitHubServer() {
    server =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(github));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
  }

  GitHubSettings settings() {
    return new GitHubSettings(
        "ghp_test-token-never-logged",
        FakeGitHub.OWNER + "/" + FakeGitHub.REPO,
        "http://127.0.0.1:" + server.port(),
        5);
  }

  @Override
  public void close() {
    server.stop();
  }
}
