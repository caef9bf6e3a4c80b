namespace Orleans.Inference.Simulator.Faults;

/// <summary>What llama.cpp's server answers on <c>GET /props</c>, as far as a gateway reads it.</summary>
/// <param name="TotalSlots">Sequences it decodes at once; it serves connections on this many threads and two more.</param>
internal sealed record PropsResponse(int TotalSlots);
