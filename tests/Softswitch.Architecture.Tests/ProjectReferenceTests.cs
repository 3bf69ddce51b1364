using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Softswitch.Architecture.Tests;

/// <summary>
/// Enforces the layering of STYLE.md §1: each project may reference only the projects below it.
/// Reads the project files themselves, so a forbidden reference fails here before it can be used.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly Dictionary<string, string[]> s_allowed = new()
    {
        ["Softswitch.Media"] = [],
        ["Softswitch.Sip"] = [],
        ["Softswitch.Gateway"] = ["Softswitch.Sip", "Softswitch.Media"],
        ["Softswitch.Dialog"] = ["Softswitch.Gateway", "Softswitch.Media", "Softswitch.Sip"],
        ["Softswitch.Admin"] = ["Softswitch.Gateway", "Softswitch.Dialog", "Softswitch.Media", "Softswitch.Sip"],
        ["Softswitch.Host"] = ["Softswitch.Gateway", "Softswitch.Dialog", "Softswitch.Media", "Softswitch.Sip", "Softswitch.Admin"],
    };

    public static TheoryData<string> SourceProjects() => new(s_allowed.Keys);

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferences_OnlyAllowedLayers(string project)
    {
        var path = FindProject(project);
        var referenced = ReadReferences(path);
        var forbidden = referenced.Where(r => !s_allowed[project].Contains(r)).ToArray();
        forbidden.ShouldBeEmpty($"{project} may reference only [{string.Join(", ", s_allowed[project])}]");
    }

    [Fact]
    public void Checker_FlagsForbiddenReference()
    {
        // The check above must be able to fail: a Media project referencing Gateway is caught.
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var file = Path.Combine(dir.FullName, "Softswitch.Media.csproj");
            File.WriteAllText(file, """<Project><ItemGroup><ProjectReference Include="../Gateway/Softswitch.Gateway.csproj" /></ItemGroup></Project>""");
            ReadReferences(file).ShouldContain("Softswitch.Gateway");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void EverySourceProject_IsCovered()
    {
        var all = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => ProjectName(p))
            .ToArray();
        all.ShouldBe(s_allowed.Keys, ignoreOrder: true);
    }

    private static string ProjectName(string csproj)
    {
        var doc = XDocument.Load(csproj);
        return doc.Descendants("RootNamespace").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(csproj);
    }

    private static string[] ReadReferences(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();

    private static string FindProject(string name) =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Single(p => ProjectName(p) == name);

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Softswitch.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Softswitch.sln not found above " + AppContext.BaseDirectory);
    }
}
