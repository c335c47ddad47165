using Failsafe.Engine;

namespace Failsafe.Domain.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Domain_ReferencesNoPackage_OnlyTheFramework()
    {
        var domain = typeof(Evaluator).Assembly;
        var referenced = domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        referenced.ShouldNotBeEmpty();
        referenced.ShouldAllBe(name => name == "System.Runtime" || name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard" || name == "mscorlib",
            $"the domain references: {string.Join(", ", referenced)}");
    }

    [Fact]
    public void DomainProject_HasNoPackageReference()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Failsafe.slnx")))
            dir = Path.GetDirectoryName(dir);
        dir.ShouldNotBeNull("the test runs inside the repository");
        var project = File.ReadAllText(Path.Combine(dir, "src", "Failsafe.Domain", "Failsafe.Domain.csproj"));

        project.ShouldNotContain("PackageReference");
        project.ShouldNotContain("ProjectReference");
    }
}
