using Orleans.Inference.OpenAiProtocol.Errors;

namespace Orleans.Inference.ApiHost.Errors;

/// <summary>Documents the OpenAI-shaped errors every generation endpoint can return.</summary>
internal static class ErrorMetadataExtensions
{
    public static RouteHandlerBuilder ProducesGenerationErrors(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<OpenAiErrorResponse>(StatusCodes.Status400BadRequest)
        .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound)
        .Produces<OpenAiErrorResponse>(StatusCodes.Status413PayloadTooLarge)
        .Produces<OpenAiErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
        .Produces<OpenAiErrorResponse>(StatusCodes.Status503ServiceUnavailable);
}
