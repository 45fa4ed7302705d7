using Hub.Runtime.Hosting;

return await HubHost.RunAsync(() =>
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddHubOrleans(HubProcess.Silo);
    return builder.Build();
});
