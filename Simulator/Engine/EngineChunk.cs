using Orleans.Inference.Generation;

namespace Orleans.Inference.Simulator.Engine;

/// <summary>A chunk of one sequence of a streamed batch.</summary>
/// <param name="Index">The sequence's place in the batch: its prompt's index.</param>
/// <param name="PromptTokens">The sequence's prompt tokens, as the engine counted them.</param>
/// <param name="Chunk">The tokens; the sequence's last chunk has its finish reason.</param>
internal readonly record struct EngineChunk(int Index, int PromptTokens, TokenChunk Chunk);
