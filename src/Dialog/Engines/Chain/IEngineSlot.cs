namespace Softswitch.Dialog.Engines.Chain;

/// <summary>What the metrics read of a slot, whatever its session type.</summary>
internal interface IEngineSlot
{
    /// <summary>The engine's name.</summary>
    string Name { get; }

    /// <summary>Sessions in use now.</summary>
    int SessionsInUse { get; }
}
