using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Softswitch.Dialog.Engines.Chain;

/// <summary>The process-wide <c>Softswitch.Dialog</c> meter's engine chain instruments (STYLE.md §7).</summary>
internal static class EngineChainMetrics
{
    /// <summary>The meter name that exporters subscribe to.</summary>
    public const string MeterName = "Softswitch.Dialog";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly ConditionalWeakTable<IEngineSlot, object?> s_slots = [];

    /// <summary>Engines passed over by a chain, tagged <c>engine</c> and <c>reason</c> (missing, broken, busy, failed).</summary>
    public static Counter<long> Fallbacks { get; } =
        s_meter.CreateCounter<long>("softswitch.engine.fallbacks", "{fallback}", "Engines passed over by a fallback chain, by engine and reason");

    /// <summary>Sessions in use per engine.</summary>
    public static ObservableGauge<int> SessionsInUse { get; } =
        s_meter.CreateObservableGauge("softswitch.engine.sessions", ObserveSessions, "{session}", "Engine sessions in use, by engine");

    /// <summary>Adds a slot to the sessions gauge for as long as it lives.</summary>
    /// <param name="slot">The slot.</param>
    public static void Track(IEngineSlot slot) => s_slots.AddOrUpdate(slot, null);

    private static IEnumerable<Measurement<int>> ObserveSessions()
    {
        var byEngine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (slot, _) in s_slots)
        {
            byEngine[slot.Name] = byEngine.GetValueOrDefault(slot.Name) + slot.SessionsInUse;
        }

        foreach (var (engine, count) in byEngine)
        {
            yield return new Measurement<int>(count, new KeyValuePair<string, object?>("engine", engine));
        }
    }
}
