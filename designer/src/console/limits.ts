/** The longest comment or note the server takes (FieldLimits.Comment): a rating's comment, a reason, a ticket note. */
export const CommentLimit = 2000;

/** The longest applicant's name the server takes (FieldLimits.Name): a person's or an enterprise's. */
export const NameLimit = 200;
