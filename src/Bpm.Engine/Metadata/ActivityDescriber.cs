using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Engine.Activities;

namespace Bpm.Engine.Metadata;

/// <summary>Builds an <see cref="ActivityDescriptor"/> from an activity class and its attributes.</summary>
public static class ActivityDescriber
{
    public static ActivityDescriptor Describe(Type type)
    {
        if (!typeof(Activity).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete {nameof(Activity)}.", nameof(type));
        }

        var activity = type.GetCustomAttribute<ActivityAttribute>(inherit: false)
            ?? throw new ArgumentException($"{type.FullName} has no [Activity] attribute.", nameof(type));
        var ports = type.GetCustomAttribute<FlowPortsAttribute>(inherit: false)?.Names
            ?? (activity.IsTerminal || activity.IsContainer ? [] : [Activities.Outcomes.Done]);
        var embedded = type.GetCustomAttributes<EmbeddedPortAttribute>(inherit: false)
            .Select(p => new PortDescriptor(p.Name, p.Name, PortDescriptor.Embedded, IsBrowsable: false));

        return new ActivityDescriptor
        {
            TypeName = activity.TypeName,
            Namespace = activity.Namespace,
            Name = activity.Name,
            Version = activity.Version,
            Category = activity.Category,
            DisplayName = activity.DisplayName ?? Humanize(activity.Name),
            Description = activity.Description,
            Kind = activity.Kind,
            IsBrowsable = activity.IsBrowsable,
            IsContainer = activity.IsContainer,
            IsStart = activity.IsStart,
            IsTerminal = activity.IsTerminal,
            Inputs = DescribeInputs(type),
            Outputs = DescribeOutputs(type),
            Ports = ports.Select(p => new PortDescriptor(p, p)).Concat(embedded).ToList(),
            ClrType = type,
        };
    }

    private static List<InputDescriptor> DescribeInputs(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<InputAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => DescribeInput(x.Property, x.Attribute!))
            .OrderBy(i => i.Order)
            .ToList();

    private static InputDescriptor DescribeInput(PropertyInfo property, InputAttribute input)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var options = input.Options ?? (type.IsEnum ? Enum.GetNames(type) : null);
        var uiHint = input.UIHint
            ?? (type == typeof(bool) ? UIHints.Checkbox : options is not null ? UIHints.Dropdown : UIHints.SingleLine);

        return new InputDescriptor
        {
            Name = property.Name,
            TypeName = TypeAliases.AliasOf(type),
            UIHint = uiHint,
            DisplayName = input.DisplayName ?? Humanize(property.Name),
            Description = input.Description,
            Category = input.Category,
            Order = input.Order,
            IsWrapped = input.IsWrapped,
            IsBrowsable = input.IsBrowsable,
            DefaultValue = input.DefaultValue switch
            {
                null => null,
                Enum e => JsonValue.Create(e.ToString()),
                var value => JsonSerializer.SerializeToNode(value),
            },
            UISpecifications = options is null ? null : DropdownSpecification(uiHint, options),
            Property = property,
        };
    }

    /// <summary>
    /// Items for a list editor, keyed by its hint:
    /// <c>{"dropdown":{"selectList":{"items":[{"text":"Low","value":"Low"}],"isFlagsEnum":false}}}</c>.
    /// </summary>
    private static JsonObject DropdownSpecification(string uiHint, IEnumerable<string> options)
    {
        var items = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["text"] = o, ["value"] = o }).ToArray());
        var listKey = uiHint switch
        {
            UIHints.RadioList => "radioList",
            UIHints.CheckList => "checkList",
            _ => "selectList",
        };
        return new JsonObject { [uiHint] = new JsonObject { [listKey] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false } } };
    }

    private static List<OutputDescriptor> DescribeOutputs(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<OutputAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new OutputDescriptor
            {
                Name = x.Property.Name,
                TypeName = TypeAliases.AliasOf(x.Property.PropertyType),
                DisplayName = x.Attribute!.DisplayName ?? Humanize(x.Property.Name),
                Description = x.Attribute.Description,
                Order = x.Attribute.Order,
                IsBrowsable = x.Attribute.IsBrowsable,
                Property = x.Property,
            })
            .OrderBy(o => o.Order)
            .ToList();

    /// <summary>"WriteLine" → "Write Line", "TaskName" → "Task Name".</summary>
    public static string Humanize(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }
}
