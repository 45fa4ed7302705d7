using Hub.Runtime.Hosting;

return await HubHost.RunAsync(() =>
{
    // The silo's appsettings.json (Hub:Mode=Cluster) is copied next to its assembly: read it from there, so
    // `dotnet path/to/Hub.Silo.dll` behaves the same from any working directory.
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.AddHubOrleans(HubProcess.Silo);
    return builder.Build();
});
