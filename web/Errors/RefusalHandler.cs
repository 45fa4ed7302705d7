using Hub.Contracts.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Hub.Web.Errors;

/// <summary>
/// Turns a refused request into a problem response that says what was wrong, with a stable code; the
/// refusal happened before anything changed. A cluster or database that cannot answer right now is not a
/// fault of the server's code either: 503 <c>unavailable</c> with Retry-After (<see cref="Unavailability"/>).
/// </summary>
internal sealed class RefusalHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail, field) = exception switch
        {
            HubRefusedException refused => (StatusFor(refused.Code), refused.Code, refused.Message, refused.Field),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.Validation, Describe(bad), FieldOf(bad)),
            _ when Unavailability.IsTransient(exception) => (StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, Unavailability.Message, null),
            _ => (0, "", "", null),
        };
        if (status == 0)
        {
            return false;
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = ((int)Unavailability.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = code,
                Detail = detail,
                Extensions = { ["code"] = code, ["field"] = field },
            },
        });
    }

    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.Conflict or ErrorCodes.Ended => StatusCodes.Status409Conflict,
        ErrorCodes.Limit => StatusCodes.Status400BadRequest,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The property the JSON reader stopped at ("$.details.parties[0]" → "parties"), as refusals name it.</summary>
    private static string? FieldOf(BadHttpRequestException bad)
    {
        if (bad.InnerException is not System.Text.Json.JsonException { Path: { Length: > 2 } path })
        {
            return null;
        }

        var field = path[(path.LastIndexOf('.') + 1)..];
        var index = field.IndexOf('[', StringComparison.Ordinal);
        return index > 0 ? field[..index] : index == 0 ? null : field;
    }

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"Forespørgslen kunne ikke læses / The request could not be read: {json.Message}"
            : $"Forespørgslen kunne ikke læses / The request could not be read: {bad.Message}";
}
