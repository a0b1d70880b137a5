namespace Bpm.Application.Workflows;

/// <summary>Which unit a task goes to, resolved from the request and its bureau's units when the task opens.</summary>
public enum TaskAssignee
{
    /// <summary>The unit that registered the request (首问负责制): feedback to the taxpayer.</summary>
    ReceivingUnit,

    /// <summary>The tax-service department (纳税服务部门) of the request's bureau or its nearest ancestor.</summary>
    TaxService,

    /// <summary>The lead unit of the last dispatch (承办单位).</summary>
    LeadUnit,

    /// <summary>The joint-meeting office (联席会议办公室); the tax-service department where there is none.</summary>
    JointMeetingOffice,
}

/// <summary>The role a person needs to act on the task.</summary>
public enum TaskRole
{
    Handler,
    Approver,
}
