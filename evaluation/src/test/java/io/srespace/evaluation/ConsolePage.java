package io.srespace.evaluation;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's page in a real browser, as a person sees it: Debian's chromium, driven through its
 * chromium-driver, headless, with no network of its own (no background requests, no updates).
 */
final class ConsolePage implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver browser;
  private final Path screenshots;

  private ConsolePage(WebDriver browser, Path screenshots) {
    this.browser = browser;
    this.screenshots = screenshots;
  }

  /** Opens {@code url} at 1280×1400; screenshots go to {@code screenshots}. */
  static ConsolePage open(URI url, Path screenshots) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "the browser test needs Debian's chromium and chromium-driver (%s, %s): ./sre-space test installs them as root"
              .formatted(CHROMIUM, DRIVER));
    }
    Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1400",
        "--user-data-dir=" + Files.createTempDirectory("console-browser"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.get(url.toString());
    return new ConsolePage(browser, screenshots);
  }

  /** Waits until {@code condition} holds on the page, without reloading it. */
  void await(String what, Duration limit, Predicate<WebDriver> condition) {
    new WebDriverWait(browser, limit)
        .pollingEvery(Duration.ofMillis(250))
        // The page redraws its lists as events arrive: an element read mid-redraw is read again.
        .ignoring(StaleElementReferenceException.class)
        .withMessage(what)
        .until(condition::test);
  }

  /** The incidents the page lists, id to state. */
  Map<String, String> incidents() {
    Map<String, String> states = new LinkedHashMap<>();
    for (WebElement button : browser.findElements(By.cssSelector("#incident-list button"))) {
      states.put(button.getAttribute("data-incident"), button.getAttribute("data-state"));
    }
    return states;
  }

  /** The issue number the page shows for an incident. */
  int issueOf(String incidentId) {
    Object issue =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/incidents/' + encodeURIComponent(arguments[0]))"
                    + "  .then((r) => r.json()).then((i) => done(i.issue)).catch(() => done(null));",
                incidentId);
    if (!(issue instanceof Number number)) {
      throw new IllegalStateException("the console knows no issue of " + incidentId);
    }
    return number.intValue();
  }

  /** The agents the live feed has shown an event of. */
  List<String> feedAgents() {
    return browser.findElements(By.cssSelector("#feed-list li")).stream()
        .map(line -> line.getAttribute("data-agent"))
        .distinct()
        .toList();
  }

  /** The steps of the incident whose timeline is open. */
  List<String> timelineStages() {
    return browser.findElements(By.cssSelector("#timeline li[data-stage]")).stream()
        .map(step -> step.getAttribute("data-stage"))
        .toList();
  }

  void select(String incidentId) {
    browser
        .findElement(By.cssSelector("#incident-list button[data-incident='" + incidentId + "']"))
        .click();
  }

  /** Whether the chaos lab says it is on, and what it says when it is off. */
  boolean labEnabled() {
    return "true".equals(browser.findElement(By.id("chaos-lab")).getAttribute("data-enabled"));
  }

  String labWhy() {
    return browser.findElement(By.id("lab-why")).getText();
  }

  /** What the lab's last action said. */
  String labResult() {
    return browser.findElement(By.id("lab-result")).getText();
  }

  /**
   * A change requested from the page's own script, as the page makes them: the status the console
   * answered and its message.
   */
  String changeFromPage(String method, String path) {
    Object answer =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[1], { method: arguments[0], headers: { 'X-Console-Request': '1' } })"
                    + "  .then(async (r) => done(r.status + ' ' + await r.text()))"
                    + "  .catch((e) => done('failed ' + e));",
                method,
                path);
    return String.valueOf(answer);
  }

  /**
   * Answers the action the open timeline waits on as {@code approver}, with the private key's text
   * typed into the page, which signs it; what the page then says.
   */
  String approve(String approver, String privateKey) {
    await(
        "the timeline asks for an answer",
        Duration.ofSeconds(20),
        page -> page.findElement(By.id("approval")).isDisplayed());
    browser.findElement(By.id("approver-name")).sendKeys(approver);
    browser.findElement(By.id("approver-key")).sendKeys(privateKey);
    browser.findElement(By.id("approve")).click();
    await(
        "the page says what became of the answer",
        Duration.ofSeconds(20),
        page -> !page.findElement(By.id("approval-result")).getText().isBlank());
    return browser.findElement(By.id("approval-result")).getText();
  }

  /** Picks a service and a fault in the chaos lab, asks, and confirms. */
  void inject(String service, String fault, int seconds) {
    new Select(browser.findElement(By.id("lab-service"))).selectByValue(service);
    new Select(browser.findElement(By.id("lab-fault"))).selectByValue(fault);
    WebElement duration = browser.findElement(By.id("lab-duration"));
    duration.clear();
    duration.sendKeys(String.valueOf(seconds));
    browser.findElement(By.id("lab-inject")).click();
    await(
        "the lab asks to confirm",
        Duration.ofSeconds(5),
        page -> page.findElement(By.id("lab-confirm")).isDisplayed());
    browser.findElement(By.id("lab-yes")).click();
  }

  /** Switches a fault the lab lists as on off again. */
  void switchOff(String service, String fault) {
    By button =
        By.cssSelector(
            "#lab-active button[data-service='%s'][data-fault='%s']".formatted(service, fault));
    await(
        "the lab lists " + fault + " on in " + service,
        Duration.ofSeconds(15),
        page -> !page.findElements(button).isEmpty());
    browser.findElement(button).click();
  }

  void reload() {
    browser.navigate().refresh();
  }

  /** How many points the business chart draws that are not empty, read from the chart's canvas. */
  boolean chartsDrawn() {
    Object drawn =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const c = document.getElementById('journey-chart');"
                    + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "let inked = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) inked++; }"
                    + "return document.body.dataset.seriesAt !== undefined && inked > 2000;");
    return Boolean.TRUE.equals(drawn);
  }

  /**
   * What sticks out of a window {@code width} wide (tag, id or class, right edge), so that the page
   * would scroll sideways; empty when it fits.
   */
  List<String> overflowAt(int width) {
    browser.manage().window().setSize(new Dimension(width, 1400));
    Object wide =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const w = document.documentElement.clientWidth; const out = [];"
                    + "for (const e of document.querySelectorAll('body *')) {"
                    + "  const r = e.getBoundingClientRect();"
                    + "  if (r.width > 0 && r.right > w + 1) out.push(e.tagName.toLowerCase()"
                    + "    + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')"
                    + "    + ' ' + Math.round(r.right) + 'px'); }"
                    + "return out.slice(0, 10);");
    return ((List<?>) wide).stream().map(String::valueOf).toList();
  }

  /** Saves what the browser shows (the whole window, or one element) as {@code name}.png. */
  Path screenshot(String name, String cssSelector) throws IOException {
    TakesScreenshot source = (TakesScreenshot) browser;
    if (cssSelector != null) {
      WebElement element = browser.findElement(By.cssSelector(cssSelector));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", element);
      source = element;
    }
    Path file = screenshots.resolve(name + ".png");
    Files.copy(
        source.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  @Override
  public void close() {
    browser.quit();
  }
}
