using Microsoft.AspNetCore.Http;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.Batching;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;

namespace Orleans.Inference.Tests.ApiHost.Errors;

/// <summary>The one table from exceptions to OpenAI errors, without a host: a response and a stream's error event agree.</summary>
public sealed class ExceptionErrorsTests
{
    public static TheoryData<Exception, int, string?, string?> Known => new()
    {
        { new ModelNotFoundException("m"), 404, "model_not_found", "model" },
        { new ModelUnavailableException("m", ModelState.Failed, "failed to load"), 503, "model_load_failed", "model" },
        { new ModelUnavailableException("m", ModelState.Loading, "still loading"), 503, "model_not_ready", "model" },
        { new QueueFullException("m", 8, TimeSpan.FromSeconds(2)), 429, "queue_full", null },
        { new BackendException("slow down", 429, TimeSpan.FromSeconds(3)), 429, "backend_rate_limited", null },
        { new BackendException("gone"), 502, "backend_error", null },
        { new TimeoutException("too slow"), 504, "stream_timeout", null },
        { new ModelExistsException("m"), 409, "model_exists", "id" },
        { new SiloUnavailableException(), 503, "silo_unavailable", null },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Map_KnownException_StatusCodeAndParam(Exception exception, int status, string? code, string? param)
    {
        var mapped = ExceptionErrors.Map(exception);

        Assert.NotNull(mapped);
        Assert.Equal((status, code, param), (mapped.Status, mapped.Error.Code, mapped.Error.Param));
        Assert.False(string.IsNullOrEmpty(mapped.Error.Message));
    }

    [Fact]
    public void Map_RetryAfter_FromTheExceptionOrASecondForAModelThatCannotServe()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), ExceptionErrors.Map(new QueueFullException("m", 8, TimeSpan.FromSeconds(2)))!.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), ExceptionErrors.Map(new ModelUnavailableException("m", ModelState.Unloading, "going"))!.RetryAfter);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, ExceptionErrors.Map(new BadHttpRequestException("big", StatusCodes.Status413PayloadTooLarge))!.Status);
    }

    [Fact]
    public void Map_UnexpectedException_IsNull_SoTheCallerAnswersWithoutTellingInternals()
    {
        Assert.Null(ExceptionErrors.Map(new InvalidOperationException("a bug")));
    }
}
