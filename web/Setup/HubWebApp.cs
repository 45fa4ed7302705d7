using Hub.Runtime.Hosting;

namespace Hub.Web.Setup;

/// <summary>The web node: an Orleans silo or client (by configuration) with Hub's endpoints on top.
/// Program.cs runs it; tests build it the same way and start it on a free loopback port.</summary>
public static class HubWebApp
{
    /// <param name="services">Registrations a test adds after Hub's own (they win where Hub registered one of a kind).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        // Run from its own folder (or by dotnet run, in web/), the app finds appsettings.json beside it; run as
        // `dotnet path/to/Hub.Web.dll` from elsewhere, it reads them from the assembly's folder instead.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
        });
        builder.AddHubOrleans(HubProcess.Web);
        builder.AddHubWeb();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseHubWeb();
        return app;
    }
}
