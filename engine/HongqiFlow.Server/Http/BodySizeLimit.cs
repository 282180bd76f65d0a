using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HongqiFlow.Server.Http;

/// <summary>
/// Refuses bodies over the configured size with a 413 problem before anything reads them (a declared length), and caps
/// the server's read for bodies of unknown length; Kestrel enforces the same number for the socket.
/// </summary>
public static class BodySizeLimit
{
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength is { } length && length > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem($"the request body has {length} bytes; at most {maxBytes} are accepted", statusCode: StatusCodes.Status413PayloadTooLarge, title: "body too large")
                .ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        await next(context);
    });
}
