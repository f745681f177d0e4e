namespace ExportLint.Cli;

/// <summary>
/// What the user sees while a scan runs, on stderr only (results go to stdout and files): a live line (projects
/// loaded, files scanned, findings so far) when stderr is a terminal; log lines with <c>--verbose</c>; nothing with
/// <c>--quiet</c>.
/// </summary>
internal sealed class Progress
{
    private readonly TextWriter _error;
    private readonly bool _live;
    private DateTime _lastDraw = DateTime.MinValue;

    public Progress(TextWriter error, Verbosity verbosity, bool errorIsTerminal)
    {
        _error = error;
        Verbosity = verbosity;
        _live = errorIsTerminal && verbosity == Verbosity.Normal;
    }

    public Verbosity Verbosity { get; }

    public int Projects { get; set; }

    public int Files { get; set; }

    public int Models { get; set; }

    public int Findings { get; set; }

    public void Step(string what)
    {
        if (Verbosity == Verbosity.Verbose)
        {
            _error.WriteLine("exportlint: " + what);
            return;
        }

        if (!_live || (DateTime.UtcNow - _lastDraw).TotalMilliseconds < 100)
        {
            return;
        }

        _lastDraw = DateTime.UtcNow;
        var line = $"{Projects} projects, {Files} files, {Models} model files, {Findings} findings — {what}";
        var width = Math.Max(20, SafeWidth() - 1);
        _error.Write("\r" + (line.Length > width ? line.Substring(0, width) : line.PadRight(width)));
    }

    public void Log(string message)
    {
        if (Verbosity == Verbosity.Verbose)
        {
            _error.WriteLine("exportlint: " + message);
        }
    }

    public void Done()
    {
        if (_live && _lastDraw != DateTime.MinValue)
        {
            _error.Write("\r" + new string(' ', Math.Max(20, SafeWidth() - 1)) + "\r");
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}

/// <summary><c>--quiet</c>, the default, <c>--verbose</c>.</summary>
internal enum Verbosity
{
    Quiet,
    Normal,
    Verbose,
}
