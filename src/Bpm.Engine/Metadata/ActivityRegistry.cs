using System.Reflection;
using Bpm.Engine.Activities;

namespace Bpm.Engine.Metadata;

/// <summary>
/// The activity types the engine can run, by type name and version ("Elsa.WriteLine" v1). Built-ins are
/// registered by <c>AddBpmEngine</c>; other assemblies add theirs, e.g. <c>registry.Register&lt;HumanTask&gt;()</c>.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<(string TypeName, int Version), ActivityDescriptor> descriptors = [];

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => descriptors.Values;

    public ActivityRegistry Register<TActivity>() where TActivity : Activity => Register(typeof(TActivity));

    public ActivityRegistry Register(Type activityType)
    {
        var descriptor = ActivityDescriber.Describe(activityType);
        descriptors[(descriptor.TypeName, descriptor.Version)] = descriptor;
        return this;
    }

    /// <summary>Registers every concrete activity class with an [Activity] attribute in the assembly.</summary>
    public ActivityRegistry RegisterAll(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => typeof(Activity).IsAssignableFrom(t) && !t.IsAbstract
                     && t.GetCustomAttribute<ActivityAttribute>(inherit: false) is not null))
        {
            Register(type);
        }

        return this;
    }

    /// <summary>Registers the built-in Elsa-compatible activities of this assembly.</summary>
    public ActivityRegistry RegisterBuiltIns() => RegisterAll(typeof(ActivityRegistry).Assembly);

    public ActivityDescriptor? Find(string typeName, int version) =>
        descriptors.GetValueOrDefault((typeName, version));

    public ActivityDescriptor? FindLatest(string typeName) =>
        descriptors.Values.Where(d => d.TypeName == typeName).MaxBy(d => d.Version);
}
