using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Hub.Web.Setup;

/// <summary>
/// Serves the browser client (web/client, built by Vite into wwwroot/app, see web/Directory.Build.targets):
/// its files under /app/, and its index.html for every other path that is not the API, a hub or a health
/// check, so that a link such as /boards/{id} opens the app, which routes on the client.
/// </summary>
public static class ClientApp
{
    private const string IndexFile = "index.html";

    public static WebApplication MapClientApp(this WebApplication app)
    {
        var bundle = FindBundle(app.Environment);
        if (bundle is null)
        {
            app.Logger.LogWarning("No browser client found (wwwroot/app/index.html); build web/client with npm run build");
            return app;
        }

        var files = new PhysicalFileProvider(bundle);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/app",
            OnPrepareResponse = context =>
            {
                // Vite names every asset by its content hash: it never changes, so it may be kept for a year.
                if (context.Context.Request.Path.StartsWithSegments("/app/assets"))
                {
                    context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                }
            },
        });

        app.MapFallback(context =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/health")
                || path.StartsWithSegments("/app") || Path.HasExtension(path.Value))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            // The page itself is never cached, so a new build is picked up at the next load.
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.SendFileAsync(files.GetFileInfo(IndexFile));
        });
        return app;
    }

    /// <summary>wwwroot/app under the content root (the project, when run from source), else beside the
    /// assembly (the build copies it there, also into the output of a test project that references web).</summary>
    private static string? FindBundle(IWebHostEnvironment environment) =>
        new[]
        {
            Path.Combine(environment.ContentRootPath, "wwwroot", "app"),
            Path.Combine(AppContext.BaseDirectory, "wwwroot", "app"),
        }.FirstOrDefault(directory => File.Exists(Path.Combine(directory, IndexFile)));
}
