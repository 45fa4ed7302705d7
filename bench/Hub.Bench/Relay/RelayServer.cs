using Hub.Web.Live;
using Hub.Web.Setup;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hub.Bench.Relay;

/// <summary>The relay as a web app: run as its own process (<c>Hub.Bench relay</c>, what the bench measures)
/// or inside the caller's process (the smoke test).</summary>
public static class RelayServer
{
    /// <summary>The same SignalR settings and JSON shape as Hub's web node, so only what Hub adds differs.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<RelayGroups>();
        builder.Services.AddSingleton<RelaySessions>();
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 128 * 1024;
                o.StatefulReconnectBufferSize = 1_000_000;
            })
            .AddJsonProtocol(o => WebSetup.ConfigureJson(o.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        builder.Services.AddOptions<MessagePackHubProtocolOptions>().Configure<IOptions<JsonHubProtocolOptions>>((messagePack, json) =>
            messagePack.SerializerOptions = JsonShapedResolver.Options(json.Value.PayloadSerializerOptions));
        var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapHub<RelayHub>(RelayHub.Path, o => o.AllowStatefulReconnects = true);
        app.MapHub<RelaySessionHub>(RelaySessionHub.Path, o => o.AllowStatefulReconnects = true);
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <summary>Starts the relay in this process on a free loopback port and returns it with its address.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartInProcessAsync()
    {
        var app = Build(["--urls=http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
