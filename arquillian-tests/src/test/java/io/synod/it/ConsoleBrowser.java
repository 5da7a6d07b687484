package io.synod.it;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One headless Debian chromium, driven through chromedriver, with a fresh profile: a real browser session on the
 * console. The network is closed, so everything that phones home is switched off.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getProperty("synod.it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("synod.it.chromedriver", "/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;

    ConsoleBrowser() {
        try {
            profile = Files.createTempDirectory("synod-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a browser profile folder", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    /** Opens the console of {@code baseUrl}, is sent to the login page, logs in and lands on the overview. */
    ConsoleBrowser login(String baseUrl, String user, String password) {
        driver.get(baseUrl + "/synod/");
        await(Duration.ofSeconds(30), () -> driver.getCurrentUrl().contains("login.xhtml"));
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        await(Duration.ofSeconds(30), () -> !driver.getCurrentUrl().contains("login.xhtml")
                && Boolean.TRUE.equals(js("return document.getElementById('live:cluster') !== null")));
        return this;
    }

    ChromeDriver driver() {
        return driver;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(String id) {
        Object text = js("var e = document.getElementById(arguments[0]); return e ? e.textContent.trim() : null;", id);
        return text == null ? null : text.toString();
    }

    /** "n1=healthy", ... for every member row of the overview, in order. */
    @SuppressWarnings("unchecked")
    java.util.List<String> memberHealth() {
        return (java.util.List<String>) js("return Array.from(document.querySelectorAll('tr.member-row')).map(function (tr) {"
                + " return tr.querySelector('.member-id').textContent.trim() + '=' + tr.querySelector('.member-health').textContent.trim(); });");
    }

    String sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed("JSESSIONID");
        if (cookie == null) {
            throw new IllegalStateException("no session cookie in " + driver.manage().getCookies());
        }
        return cookie.getName() + "=" + cookie.getValue();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows now as target/screenshots/{name}.png. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    /** Waits (polling every 50 ms) until {@code condition} holds; fails with the page's overview text otherwise. */
    void await(Duration timeout, Supplier<Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .withMessage(() -> "page " + driver.getCurrentUrl() + " shows: " + String.valueOf(
                        js("return document.body ? document.body.innerText.substring(0, 2000) : ''")))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.JavascriptException.class)
                .until(d -> condition.get());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
