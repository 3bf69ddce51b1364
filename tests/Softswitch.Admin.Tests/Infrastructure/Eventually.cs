namespace Softswitch.Admin.Tests.Infrastructure;

/// <summary>Waits for a condition that background work makes true.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }
    }
}
