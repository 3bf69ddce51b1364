namespace Softswitch.Admin.Auth;

/// <summary>What an API key may do. Each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Reads everything (calls, history, configuration), changes nothing.</summary>
    Viewer = 0,

    /// <summary>Also edits agents, routes, trunks and queues, and controls calls.</summary>
    Editor = 1,

    /// <summary>Also manages API keys.</summary>
    Admin = 2,
}
