using Hub.Runtime.Hosting;

namespace Hub.Web.Setup;

/// <summary>The web node: an Orleans silo or client (by configuration) with Hub's endpoints on top.
/// Program.cs runs it; tests build it the same way and start it on a free loopback port.</summary>
public static class HubWebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddHubOrleans(HubProcess.Web);
        builder.AddHubWeb();

        var app = builder.Build();
        app.UseHubWeb();
        return app;
    }
}
