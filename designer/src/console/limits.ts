/** The longest comment or note the server takes (FieldLimits.Comment): a rating's comment, a reason, a ticket note. */
export const CommentLimit = 2000;
