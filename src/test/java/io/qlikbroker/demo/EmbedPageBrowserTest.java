package io.qlikbroker.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.qlikbroker.domain.TokenFingerprint;
import io.qlikbroker.session.HybridProfile;
import io.qlikbroker.testing.MetricsScrape;
import io.qlikbroker.testing.QlikTenantFake;
import io.qlikbroker.testing.QlikTenantTestBase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The example page in headless Chromium: sign in through the code flow, then qlik-embed's getAccessToken() resolves
 * to the fake tenant's token for that user and the status panel shows its fingerprint; a page of another origin
 * cannot get a token with the same session cookie. Leaves a screenshot in target/ for a reviewer.
 */
@QuarkusTest
@TestProfile(HybridProfile.class)
class EmbedPageBrowserTest extends QlikTenantTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URI broker;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        // CI installs Chromium (.ci/run); elsewhere the test is skipped when it is missing, never silently in CI.
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)
                || "true".equals(System.getenv("CI")), "Chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signedInPageGetsItsUsersTokenAndOtherOriginsDoNot() throws Exception {
        browser.get(broker.toString());
        awaitPageReady();
        assertEquals("not signed in", text("user"));

        browser.findElement(By.id("sign-in")).click();
        // OidcWiremockTestResource's login form: any user name, then back to the broker with a code.
        wait.until(d -> !d.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice");
        browser.findElement(By.id("login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(broker.toString()));
        awaitPageReady();

        assertEquals(HybridProfile.CODE_FLOW_SUBJECT, text("user"));
        assertEquals("subject = " + HybridProfile.CODE_FLOW_SUBJECT, text("lookup"));
        Object token = browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "getAccessToken().then(done, e => done('failed: ' + e.status));");
        assertTrue(String.valueOf(token).startsWith(QlikTenantFake.tokenPrefixFor(HybridProfile.CODE_FLOW_SUBJECT)),
                String.valueOf(token));
        wait.until(d -> text("token").startsWith("fingerprint"));
        assertTrue(text("token").contains(TokenFingerprint.of((String) token)), text("token"));
        screenshot("embed-page-signed-in.png");

        double refusedBefore = forbiddenCount();
        String sameSiteOtherOrigin = "http://localhost:" + tenant.port() + "/other-origin.html";
        tenant.stubFor(get(urlPathEqualTo("/other-origin.html")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><script>"
                        + "fetch('" + broker.resolve("/access-token") + "', {method: 'POST', credentials: 'include'})"
                        + ".then(r => r.text()).then(t => { document.title = 'GOT ' + t; },"
                        + " e => { document.title = 'BLOCKED ' + e.name; });"
                        + "</script></body></html>")));
        browser.get(sameSiteOtherOrigin);
        wait.until(d -> d.getTitle().startsWith("GOT") || d.getTitle().startsWith("BLOCKED"));
        assertTrue(browser.getTitle().startsWith("BLOCKED"), browser.getTitle());
        // The cookie went along (same site), and the broker itself refused: not only the browser's CORS check.
        assertEquals(refusedBefore + 1, forbiddenCount());
    }

    private void awaitPageReady() {
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static double forbiddenCount() {
        return MetricsScrape.now().value("broker_token_requests_total{outcome=\"forbidden\",tenant=\"default\"}");
    }
}
