namespace Hub.Tests.Infrastructure;

/// <summary>
/// Waiting for something that happens on its own time (a process starting, a cluster noticing a dead silo):
/// poll a condition until it holds or a deadline passes. Never a fixed sleep standing in for the condition.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Retries <paramref name="attempt"/> until it returns without throwing; after the timeout the
    /// last exception is rethrown inside a TimeoutException that says what was awaited.</summary>
    public static async Task<T> SucceedsAsync<T>(string what, TimeSpan timeout, Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Interval);
            }
            catch (Exception ex)
            {
                throw new TimeoutException($"{what}: still failing after {timeout.TotalSeconds:0} s", ex);
            }
        }
    }

    public static async Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what}: not true after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(Interval);
        }
    }
}
