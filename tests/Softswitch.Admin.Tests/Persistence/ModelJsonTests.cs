using System.Text.Json;
using Shouldly;
using Softswitch.Admin.Model;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public sealed class ModelJsonTests
{
    [Fact]
    public void Serialize_Model_UsesCamelCaseAndWireNames()
    {
        var route = JsonSerializer.Serialize(Samples.Route("main"), ModelJson.Options);
        var queue = JsonSerializer.Serialize(Samples.Queue("support"), ModelJson.Options);
        var agent = JsonSerializer.Serialize(Samples.Definition(), ModelJson.Options);
        var trunk = JsonSerializer.Serialize(Samples.Trunk("carrier-a"), ModelJson.Options);

        route.ShouldContain("\"match\":{\"called\":{\"kind\":\"prefix\"");
        route.ShouldContain("\"days\":[\"monday\",\"friday\"]");
        route.ShouldContain("\"holidays\":[\"2026-12-25\"]");
        route.ShouldContain("\"kind\":\"agent\"");
        queue.ShouldContain("\"strategy\":\"round-robin\"");
        agent.ShouldContain("\"kind\":\"end_call\"");
        agent.ShouldContain("\"kind\":\"send_dtmf\"");
        agent.ShouldContain("\"maxCallSeconds\":600");
        trunk.ShouldContain("\"transport\":\"tls\"");
        trunk.ShouldContain("\"hasPassword\":false");
    }

    [Fact]
    public void Deserialize_Serialized_RoundTrips()
    {
        var json = JsonSerializer.Serialize(Samples.Route("main"), ModelJson.Options);

        var back = JsonSerializer.Deserialize<Route>(json, ModelJson.Options);

        JsonSerializer.Serialize(back, ModelJson.Options).ShouldBe(json);
    }
}
