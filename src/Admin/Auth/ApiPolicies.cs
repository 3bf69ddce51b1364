using Microsoft.AspNetCore.Authorization;

namespace Softswitch.Admin.Auth;

/// <summary>The authorization policies of the admin API: each role includes the ones below it.</summary>
public static class ApiPolicies
{
    /// <summary>Reading.</summary>
    public const string Viewer = "viewer";

    /// <summary>Changing agents, routes, trunks, queues and calls.</summary>
    public const string Editor = "editor";

    /// <summary>Managing API keys.</summary>
    public const string Admin = "admin";

    /// <summary>Adds the three policies.</summary>
    /// <param name="options">Authorization options.</param>
    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Viewer, p => p.RequireRole("viewer", "editor", "admin"));
        options.AddPolicy(Editor, p => p.RequireRole("editor", "admin"));
        options.AddPolicy(Admin, p => p.RequireRole("admin"));
    }
}
