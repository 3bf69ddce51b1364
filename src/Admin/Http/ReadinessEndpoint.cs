using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Softswitch.Admin.Persistence;
using Softswitch.Gateway;
using Softswitch.Media.Native;

namespace Softswitch.Admin.Http;

/// <summary><c>/ready</c>: 200 when the database answers, SIP listens and the embedded speech engine loads; else 503 naming what is not.</summary>
internal static class ReadinessEndpoint
{
    /// <summary>One check's result.</summary>
    public sealed record Check(string Name, bool Ok, string Detail);

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/ready", ReadyAsync).WithTags("Health").AllowAnonymous();

    private static async Task<IResult> ReadyAsync(IDbConnectionFactory database, SipGateway gateway, CancellationToken ct)
    {
        var checks = new List<Check>(3) { await DatabaseAsync(database, ct).ConfigureAwait(false), Sip(gateway), Engines() };
        var ready = checks.TrueForAll(c => c.Ok);
        return TypedResults.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Check> DatabaseAsync(IDbConnectionFactory database, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            var connection = await database.OpenAsync(timeout.Token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "SELECT 1";
                    await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
                }
            }

            return new Check("database", true, database.Dialect.GetType().Name.Replace("Dialect", string.Empty, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Check("database", false, e.Message);
        }
    }

    private static Check Sip(SipGateway gateway)
    {
        try
        {
            return new Check("sip", true, $"udp {gateway.UdpEndPoint}, tcp {gateway.TcpEndPoint}");
        }
        catch (InvalidOperationException e)
        {
            return new Check("sip", false, e.Message);
        }
    }

    private static Check Engines() => NativeLibraries.IsAvailable(NativeLibraries.EspeakNg)
        ? new Check("engines", true, "espeak-ng")
        : new Check("engines", false, $"{NativeLibraries.FileNameOf(NativeLibraries.EspeakNg)} is missing: apt-get install {NativeLibraries.PackageOf(NativeLibraries.EspeakNg)}");
}
