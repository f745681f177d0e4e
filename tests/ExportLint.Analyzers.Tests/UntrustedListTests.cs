using ExportLint.Analyzers.Tests.Infrastructure;

namespace ExportLint.Analyzers.Tests;

/// <summary>
/// The analyzers share the core's rules for lists they did not write (issue 10, item 11): an <c>extends</c> by path
/// to a file not named like a control list is refused, and a file that is not a control list is named, never quoted.
/// </summary>
public class UntrustedListTests
{
    private const string Source = "class C { }";

    [Fact]
    public void Extends_to_a_file_not_named_like_a_control_list_is_refused_by_its_name()
    {
        var lists = new[]
        {
            ("/repo/acme.controllist.yaml", "controllist: acme\nextends: [./secrets.txt]\n"),
        };

        var messages = AnalyzerRun.Diagnostics(TestCompilation.Create(Source), lists).Select(AnalyzerRun.Format).ToList();

        Assert.Equal(["EXL1005 (2,11) error: 'extends' names the file './secrets.txt', which was not read: a list extended by path must be named *.controllist.yaml or *.controllist.yml"], messages);
    }

    [Fact]
    public void A_file_that_is_not_a_control_list_is_named_and_never_quoted()
    {
        var lists = new[]
        {
            ("/repo/acme.controllist.yaml", "controllist: acme\nextends: [./base.controllist.yaml]\n"),
            ("/repo/base.controllist.yaml", "password: hunter2\naws_secret_access_key: AKIAEXAMPLE\n"),
        };

        var messages = AnalyzerRun.Diagnostics(TestCompilation.Create(Source), lists).Select(AnalyzerRun.Format).ToList();

        Assert.Contains("EXL1002 (1,1) error: '/repo/base.controllist.yaml' is not a control list: a control list is a YAML mapping with 'controllist: <id>' at its top level. Nothing of its content is shown.", messages);
        Assert.All(messages, m => Assert.DoesNotContain("hunter2", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("password", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("aws_secret", m, StringComparison.Ordinal));
    }
}
