using Hub.Runtime.Hosting;
using Hub.Web.Setup;

return await HubHost.RunAsync(() => HubWebApp.Build(args));
