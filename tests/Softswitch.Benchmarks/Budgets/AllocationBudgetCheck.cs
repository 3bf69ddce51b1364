using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Softswitch.Benchmarks.Budgets;

/// <summary>
/// Runs every BenchmarkDotNet benchmark with the memory diagnoser (short job, in process) and fails when one allocates more per
/// operation than its entry in <c>allocation-budgets.json</c>, or has no entry (STYLE.md §4.8). <c>./softswitch test</c> runs it.
/// </summary>
internal static class AllocationBudgetCheck
{
    /// <summary>The smallest managed object on 64-bit .NET (header, method table, minimum payload).</summary>
    private const long SmallestObjectBytes = 24;

    public static int Run(string[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "allocation-budgets.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var budgets = document.RootElement.GetProperty("benchmarks").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("allocatedBytes").GetInt64(), StringComparer.Ordinal);

        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = args.Length > 0
            ? BenchmarkSwitcher.FromAssembly(typeof(AllocationBudgetCheck).Assembly).Run(args, config).ToArray()
            : BenchmarkRunner.Run(typeof(AllocationBudgetCheck).Assembly, config);

        var failures = 0;
        Console.WriteLine();
        Console.WriteLine("| benchmark | allocated B/op | budget B/op | verdict |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var name = report.BenchmarkCase.Descriptor.Type.FullName + "." + report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            string verdict;
            if (!report.Success || allocated is null)
            {
                verdict = "FAILED TO RUN";
                failures++;
            }
            else if (!budgets.TryGetValue(name, out var budget))
            {
                verdict = "NO BUDGET (add it to allocation-budgets.json)";
                failures++;
            }
            else if (allocated <= budget)
            {
                verdict = "ok";
            }
            else
            {
                // Allocated bytes are counted for the whole process, so a one-off allocation on another thread (a timer, the
                // runtime) during a benchmark with few operations reads as a byte or two per operation. A real per-operation
                // allocation is at least an object (24 B) every time and shows again: measure once more before failing.
                // Under load both runs can read a few bytes per operation that no operation allocated: fewer bytes per
                // operation than the smallest object (24 B) cannot be an allocation in each operation.
                var again = Rerun(name, config);
                var ok = again is { } a && (a <= budget || (budget == 0 && allocated < SmallestObjectBytes && a < SmallestObjectBytes));
                verdict = ok
                    ? $"ok (first run {allocated} B/op, rerun {again} B/op: below one object per operation)"
                    : $"OVER BUDGET (rerun {again?.ToString(CultureInfo.InvariantCulture) ?? "-"} B/op)";
                failures += ok ? 0 : 1;
            }

            var budgetText = budgets.TryGetValue(name, out var b) ? b.ToString(CultureInfo.InvariantCulture) : "-";
            Console.WriteLine($"| {name} | {allocated?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {budgetText} | {verdict} |");
        }

        Console.WriteLine(failures == 0 ? "allocation budgets: all within budget" : $"allocation budgets: {failures} benchmark(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private static long? Rerun(string name, IConfig config)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(AllocationBudgetCheck).Assembly).Run(["--filter", name], config);
        var report = summaries.SelectMany(s => s.Reports).FirstOrDefault(r => r.Success);
        return report?.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
    }
}
