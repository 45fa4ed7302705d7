using Microsoft.Extensions.Hosting;

namespace Hub.Runtime.Hosting;

public static class HubHost
{
    /// <summary>
    /// Builds and runs a Hub process until Ctrl+C or SIGTERM. When it cannot start, it prints one line that
    /// says why and returns a non-zero exit code (2 for a problem the operator can fix, 1 for anything else).
    /// </summary>
    public static async Task<int> RunAsync(Func<IHost> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            using var host = build();
            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (Find<HubStartupException>(ex) is { } startup)
        {
            await Console.Error.WriteLineAsync($"hub: {startup.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not HostAbortedException)
        {
            await Console.Error.WriteLineAsync($"hub: cannot start: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        while (ex is not null)
        {
            if (ex is T match)
            {
                return match;
            }

            if (ex is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } found)
                    {
                        return found;
                    }
                }
            }

            ex = ex.InnerException;
        }

        return null;
    }
}
