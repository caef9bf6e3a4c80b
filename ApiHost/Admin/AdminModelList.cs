namespace Orleans.Inference.ApiHost.Admin;

/// <summary>Every catalog model with its status.</summary>
public sealed record AdminModelList(AdminModelStatus[] Data);
