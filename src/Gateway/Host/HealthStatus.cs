namespace Softswitch.Host;

/// <summary>Body of <c>GET /health</c>: <c>{"status":"ok"}</c>.</summary>
/// <param name="Status"><c>ok</c> while the process serves requests.</param>
internal sealed record HealthStatus(string Status);
