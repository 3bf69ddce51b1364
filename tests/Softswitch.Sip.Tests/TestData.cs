namespace Softswitch.Sip.Tests;

/// <summary>Byte-exact test messages copied next to the test assembly.</summary>
internal static class TestData
{
    public static byte[] Rfc4475(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475", name + ".dat"));
}
