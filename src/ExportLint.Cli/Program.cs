using Microsoft.Build.Locator;

namespace ExportLint.Cli;

/// <summary>The <c>exportlint</c> command.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // MSBuild comes from the SDK on the machine, found before any MSBuild type is loaded (so nothing here may
        // name one). Without an SDK the scan still runs, in source mode only: Cli reports that per project.
        MsBuildAvailability.Register();
        return await Cli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
    }
}

/// <summary>Whether the SDK's MSBuild could be found, and why not.</summary>
internal static class MsBuildAvailability
{
    public static string? Problem { get; private set; }

    public static string? Location { get; private set; }

    public static void Register()
    {
        try
        {
            if (!MSBuildLocator.IsRegistered)
            {
                var instance = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(i => i.Version).FirstOrDefault();
                if (instance is null)
                {
                    Problem = "no .NET SDK was found (MSBuild is needed to load projects); install the .NET SDK or set DOTNET_ROOT";
                    return;
                }

                MSBuildLocator.RegisterInstance(instance);
                Location = instance.MSBuildPath;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            Problem = "MSBuild could not be located: " + ex.Message;
        }
    }
}
