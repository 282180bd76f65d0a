using System.Globalization;
using System.Net;
using System.Text.Json;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;

namespace HongqiFlow.Server.DataSharing;

/// <summary>
/// Asks a data source's exchange endpoint for the applicant's record (docs/operations.md, "Data sharing"):
/// <c>POST</c> <c>{"source","caseId","applicant":{"name","idNumber"}}</c>; 200 with a JSON object is the record,
/// 404 means the source holds none. A timeout, a connection failure, 408, 429 or 5xx is tried again after a doubling
/// delay, up to <see cref="DataSharingOptions.Attempts"/>; then, or on any other answer, it throws
/// <see cref="DataSharingException"/> with the reason recorded as <c>data-refused</c>.
/// </summary>
public sealed class HttpDataSharingConnector(IHttpClientFactory clients, DataSharingOptions options, TimeProvider time) : IDataSharingConnector
{
    /// <summary>The named client of a source (<see cref="IHttpClientFactory"/>).</summary>
    public static string ClientName(string source) => "data-sharing:" + source;

    public async Task<SharedRecord?> FetchAsync(string source, CaseState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!options.Sources.TryGetValue(source, out var endpoint) || endpoint.BaseUrl is null)
        {
            throw new DataSharingException($"数据源“{source}”未配置共享接口（Hongqi:DataSharing:Sources）。");
        }

        var uri = endpoint.Path.Length == 0 ? endpoint.BaseUrl : new Uri(endpoint.BaseUrl, endpoint.Path);
        var timeout = endpoint.Timeout ?? options.Timeout;
        var attempts = Math.Max(1, options.Attempts);
        var client = clients.CreateClient(ClientName(source));
        string failure = string.Empty;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(options.RetryDelay * Math.Pow(2, attempt - 2), time, cancellationToken);
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(Body(source, state), System.Text.Encoding.UTF8, "application/json") };
                foreach (var (name, value) in endpoint.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await client.SendAsync(request, limit.Token);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (response.IsSuccessStatusCode)
                {
                    return new SharedRecord(source, await RecordAsync(source, response, limit.Token));
                }

                failure = $"HTTP {(int)response.StatusCode}";
                if (!Transient(response.StatusCode))
                {
                    throw new DataSharingException($"数据源“{source}”拒绝了请求（{failure}）。");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.###} 秒内未答复");
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
            }
        }

        throw new DataSharingException($"数据源“{source}”共享接口不可用（{attempts} 次尝试，最后一次：{failure}）。");
    }

    private static bool Transient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string Body(string source, CaseState state)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", source);
            json.WriteString("caseId", state.CaseId);
            json.WriteStartObject("applicant");
            json.WriteString("name", state.Applicant?.Name);
            json.WriteString("idNumber", state.Applicant?.IdNumber);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<ValueMap> RecordAsync(string source, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new DataSharingException($"数据源“{source}”的答复不是 JSON：{ex.Message}", ex);
        }

        return body.ValueKind == JsonValueKind.Object
            ? ValueMap.From(body.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, JsonValues.Value(p.Value))))
            : throw new DataSharingException($"数据源“{source}”的答复不是 JSON 对象（{body.ValueKind}）。");
    }
}
