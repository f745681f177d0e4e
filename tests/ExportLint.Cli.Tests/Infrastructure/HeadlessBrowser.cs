using PuppeteerSharp;

namespace ExportLint.Cli.Tests.Infrastructure;

/// <summary>
/// Debian's chromium (the <c>chromium</c> package, which .ci/run installs), driven headless over the DevTools protocol
/// by PuppeteerSharp. PuppeteerSharp is given the executable and never downloads a browser of its own. Sandboxing is
/// off because CI runs as root, where Chromium's sandbox refuses to start; the pages opened are the tool's own output.
/// </summary>
internal sealed class HeadlessBrowser : IAsyncDisposable
{
    /// <summary>Overrides where the browser is (default <c>/usr/bin/chromium</c>).</summary>
    public const string Variable = "EXPORTLINT_CHROMIUM";

    private readonly IBrowser _browser;

    private HeadlessBrowser(IBrowser browser) => _browser = browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Starts the browser; fails (never skips) when it is not installed.</summary>
    public static async Task<HeadlessBrowser> LaunchAsync()
    {
        var path = ExecutablePath;
        Assert.True(File.Exists(path), $"Chromium is not installed at {path}: the HTML report's tests need it (apt-get install chromium; .ci/run installs it), or set {Variable} to a Chromium executable.");
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = path,
            Browser = SupportedBrowser.Chrome,
            Headless = true,
            Timeout = 120_000,
            ProtocolTimeout = 120_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--font-render-hinting=none"],
        });
        return new HeadlessBrowser(browser);
    }

    /// <summary>Opens a local file with every request other than the file itself counted and refused, and every dialog and error recorded.</summary>
    public async Task<OpenPage> OpenAsync(string file, int width = 1280, int height = 900)
    {
        var page = await _browser.NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        var opened = new OpenPage(page);
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            if (e.Request.Url == url)
            {
                await e.Request.ContinueAsync();
                return;
            }

            lock (opened.Requests)
            {
                opened.Requests.Add(e.Request.Url);
            }

            await e.Request.AbortAsync();
        };
        page.Dialog += async (_, e) =>
        {
            lock (opened.Dialogs)
            {
                opened.Dialogs.Add(e.Dialog.DialogType + ": " + e.Dialog.Message);
            }

            await e.Dialog.Dismiss();
        };
        page.PageError += (_, e) =>
        {
            lock (opened.Errors)
            {
                opened.Errors.Add("page error: " + e.Message);
            }
        };
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                lock (opened.Errors)
                {
                    opened.Errors.Add("console " + e.Message.Type + ": " + e.Message.Text);
                }
            }
        };
        await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 120_000 });
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _browser.Dispose();
    }
}

/// <summary>A page and what it did: requests beyond its own file, dialogs, script and console errors.</summary>
internal sealed class OpenPage(IPage page)
{
    public IPage Page { get; } = page;

    public List<string> Requests { get; } = [];

    public List<string> Dialogs { get; } = [];

    public List<string> Errors { get; } = [];

    public Task<T> EvalAsync<T>(string expression) => Page.EvaluateExpressionAsync<T>(expression);

    public Task<int> CountAsync(string selector) => EvalAsync<int>($"document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(selector)}).length");

    /// <summary>Nothing left the file, no dialog opened, no script failed (a CSP refusal is a console error).</summary>
    public void AssertQuiet()
    {
        Assert.True(Requests.Count == 0, "the page made requests: " + string.Join(", ", Requests));
        Assert.True(Dialogs.Count == 0, "the page opened dialogs: " + string.Join(", ", Dialogs));
        Assert.True(Errors.Count == 0, "the page reported errors: " + string.Join("\n", Errors));
    }
}
